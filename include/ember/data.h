#pragma once

// ember::data: datasets, samplers, transforms and data loaders (libtorch's <torch/data.h>).

#include "ember/core/Arg.h"
#include "ember/data/Batch.h"
#include "ember/data/DataLoader.h"
#include "ember/data/DataLoaderOptions.h"
#include "ember/data/Example.h"
#include "ember/data/Iterator.h"
#include "ember/data/MakeDataLoader.h"
#include "ember/data/StatelessDataLoader.h"
#include "ember/data/TensorDataset.h"
#include "ember/data/datasets/Base.h"
#include "ember/data/datasets/Map.h"
#include "ember/data/datasets/Tensor.h"
#include "ember/data/samplers/Base.h"
#include "ember/data/samplers/Random.h"
#include "ember/data/samplers/Sequential.h"
#include "ember/data/transforms/Base.h"
#include "ember/data/transforms/Collate.h"
#include "ember/data/transforms/Lambda.h"
#include "ember/data/transforms/Stack.h"
#include "ember/data/transforms/Tensor.h"
