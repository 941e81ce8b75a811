import torch.nn as nn

bn = nn.BatchNorm2d(32, momentum=0.1)
