import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.Sequential(nn.Linear(4, 8, bias=False), nn.BatchNorm1d(8), nn.Dropout(0.1), nn.Linear(8, 2))

    def forward(self, x):
        return self.f(x)


def run(model, x):
    with torch.no_grad():
        return model(x)


def checked(model, x):
    assert not model.training
    with torch.no_grad():
        return model(x)


net = Net()
net.load_state_dict(torch.load("net.pt"))
print(run(net.eval(), torch.randn(2, 4)))

net2 = Net()
net2.load_state_dict(torch.load("net.pt"))
net2.eval()
net2 = nn.DataParallel(net2).cuda()
with torch.no_grad():
    print(net2(torch.randn(2, 4)))
