import torch.nn as nn
import torchvision

model = torchvision.models.resnet18()
for m in model.modules():
    if isinstance(m, nn.BatchNorm2d):
        m.momentum = 0.9  # expect: BN301
        m.eps = 1e-3
