import torch
from torch.nn import BatchNorm1d, Sequential, Linear
from torch import nn as tnn

a = torch.nn.BatchNorm2d(32, momentum=0.99)  # expect: BN301
b = Sequential(Linear(8, 8, bias=False), BatchNorm1d(8, momentum=0.9))  # expect: BN301
c = tnn.BatchNorm3d(4, momentum=0.8)  # expect: BN301
d = tnn.InstanceNorm2d(4, momentum=0.9, track_running_stats=True)  # expect: BN301
