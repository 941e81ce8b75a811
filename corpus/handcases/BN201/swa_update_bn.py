import torch
import torchvision
from torch.optim.swa_utils import AveragedModel

model = torchvision.models.resnet18(num_classes=10)
swa_model = AveragedModel(model)


def recalibrate_bn(model, loader):
    model.train()
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None
    with torch.no_grad():
        for x, _ in loader:
            model(x)


recalibrate_bn(swa_model, train_loader)
