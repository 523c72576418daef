#pragma once

// ember::distributed (torch.distributed): process groups and collectives, with what data-parallel
// training needs beside them: DistributedDataParallel, DistributedSampler and the backward hooks
// DDP is built on. (Kept out of ember/ember.h: include it where it is used.)

#include "ember/autograd/Hooks.h"
#include "ember/data/samplers/Distributed.h"
#include "ember/distributed/ProcessGroup.h"
#include "ember/distributed/ReduceOp.h"
#include "ember/distributed/Work.h"
#include "ember/nn/parallel/DistributedDataParallel.h"
