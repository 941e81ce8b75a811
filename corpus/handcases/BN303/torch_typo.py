from torch import nn

bn = nn.BatchNorm2d(64, momentun=0.1)  # expect: BN303
