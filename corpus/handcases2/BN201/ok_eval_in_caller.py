import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(8, 16, bias=False), nn.BatchNorm1d(16), nn.Tanh(), nn.Linear(16, 1))


def score(batch):
    with torch.no_grad():
        return model(batch)


model.eval()
print(score(torch.randn(32, 8)))
