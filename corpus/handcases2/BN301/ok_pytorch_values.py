import torch.nn as nn
from functools import partial

norm = partial(nn.BatchNorm2d, eps=1e-3, momentum=0.01)
bn_cumulative = nn.BatchNorm1d(128, momentum=None)
bn_half = nn.BatchNorm2d(64, momentum=0.5)
inorm = nn.InstanceNorm2d(64, momentum=0.9)
bn_notrack = nn.BatchNorm2d(32, momentum=0.99, track_running_stats=False)
