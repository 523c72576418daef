# Reference values of tests/nn/dataloader/DataLoaderTest.cpp: the batch order of Python's
# DataLoader(TensorDataset(x, y), batch_size, shuffle=True) after torch.manual_seed, and the
# default generator's next value after the epochs (the loader draws from it).
# The libtorch values of MakeDataLoaderTest.cpp come from libtorch 1.13's make_data_loader
# with a RandomSampler over arange(10), batch_size 4, after torch::manual_seed(0).
import torch
from torch.utils.data import DataLoader, TensorDataset

x = torch.arange(10)
torch.manual_seed(0)
loader = DataLoader(TensorDataset(x, x * 10), batch_size=4, shuffle=True)
for epoch in range(2):
    print("epoch", epoch, [batch[0].tolist() for batch in loader])
print("rand after two shuffled epochs:", repr(torch.rand(1).item()))

torch.manual_seed(0)
list(DataLoader(TensorDataset(x), batch_size=4, shuffle=False))
print("rand after one sequential epoch:", repr(torch.rand(1).item()))

x = torch.arange(1000)
torch.manual_seed(1234)
loader = DataLoader(TensorDataset(x, x * 2), batch_size=64, shuffle=True)
for epoch in range(3):
    order = torch.cat([batch[0] for batch in loader])
    print("epoch", epoch, order[:8].tolist(), "sum(position * index):",
          int((order * torch.arange(1000)).sum()))
print("rand after three epochs:", repr(torch.rand(1).item()))

for bad in (dict(batch_size=0), dict(batch_size=1, num_workers=-1)):
    try:
        DataLoader(TensorDataset(x), **bad)
    except ValueError as e:
        print(bad, "->", e)
