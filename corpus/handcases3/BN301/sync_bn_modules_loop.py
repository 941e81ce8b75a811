import torch.nn as nn
import torchvision


def set_bn_momentum(model, momentum):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.momentum = momentum


net = torchvision.models.resnet18()
for m in net.modules():
    if isinstance(m, (nn.BatchNorm2d, nn.SyncBatchNorm)):
        m.momentum = 0.9  # expect: BN301
