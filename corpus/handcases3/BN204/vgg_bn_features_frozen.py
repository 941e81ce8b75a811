import torch
import torch.nn as nn
from torchvision.models import vgg16_bn

net = vgg16_bn(weights="IMAGENET1K_V1")
net.features.requires_grad_(False)
net.classifier[6] = nn.Linear(4096, 2)
opt = torch.optim.Adam(filter(lambda p: p.requires_grad, net.parameters()), lr=1e-4)
for epoch in range(3):
    net.train()  # expect: BN204
    for x, y in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(net(x), y).backward()
        opt.step()
