import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.Sequential(nn.Linear(4, 32, bias=False), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 1))

    def forward(self, x):
        return self.f(x)


def enable_dropout(model):
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.train()


model = Net()
model.load_state_dict(torch.load("net.pt"))
model.eval()
enable_dropout(model)
with torch.no_grad():
    samples = torch.stack([model(x) for _ in range(30)])

fast = Net()
fast.load_state_dict(torch.load("net.pt"))
fast.eval()
fast = torch.compile(fast)
with torch.no_grad():
    y = fast(x)
