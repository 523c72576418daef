#pragma once

// ember::optim: optimisers and learning-rate schedulers (libtorch's <torch/optim.h>).

#include "ember/core/Arg.h"
#include "ember/optim/Adadelta.h"
#include "ember/optim/Adagrad.h"
#include "ember/optim/Adam.h"
#include "ember/optim/AdamW.h"
#include "ember/optim/Adamax.h"
#include "ember/optim/Optimizer.h"
#include "ember/optim/OptimizerFile.h"
#include "ember/optim/OptimizerStateDict.h"
#include "ember/optim/RMSprop.h"
#include "ember/optim/SGD.h"
#include "ember/optim/schedulers/CosineAnnealingLR.h"
#include "ember/optim/schedulers/ExponentialLR.h"
#include "ember/optim/schedulers/LRScheduler.h"
#include "ember/optim/schedulers/MultiStepLR.h"
#include "ember/optim/schedulers/ReduceLROnPlateauScheduler.h"
#include "ember/optim/schedulers/StepLR.h"
