import torch.nn as nn

net = nn.Sequential(
    nn.LazyConv2d(64, 3, bias=False, padding=1),
    nn.LazyBatchNorm2d(eps=1e-3, momentum=0.01),
    nn.ReLU(),
    nn.LazyLinear(10, bias=True),
)
