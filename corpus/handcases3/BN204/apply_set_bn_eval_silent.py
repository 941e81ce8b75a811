import torch
import torch.nn as nn
import torchvision


def set_bn_eval(m):
    if isinstance(m, nn.modules.batchnorm._BatchNorm):
        m.eval()


model = torchvision.models.resnet50(weights="IMAGENET1K_V1")
for p in model.layer1.parameters():
    p.requires_grad = False
for p in model.layer2.parameters():
    p.requires_grad = False
opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.01)
for epoch in range(10):
    model.train()
    model.apply(set_bn_eval)
    for x, y in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
