import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, bias=False)
        self.bn = nn.BatchNorm2d(8)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


net = Net()
net.load_state_dict(torch.load("net.pt"))
traced = torch.jit.trace(net, torch.randn(1, 3, 32, 32))  # expect: BN201
traced.save("net_traced.pt")
