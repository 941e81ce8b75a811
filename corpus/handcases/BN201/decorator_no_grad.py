import torch
from torch import nn

net = nn.Sequential(nn.Conv2d(3, 8, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.LazyLinear(10))
net.load_state_dict(torch.load("net.pt"))


@torch.no_grad()
def predict(batch):
    return net(batch).softmax(-1)  # expect: BN201


@torch.no_grad()
def predict_ok(batch):
    net.eval()
    return net(batch).softmax(-1)
