import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(dataset):
    model = nn.Sequential(nn.Linear(10, 32, bias=False), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, 2))
    opt = torch.optim.Adam(model.parameters())
    loader = DataLoader(dataset, batch_size=64, shuffle=True, drop_last=True)
    for x, y in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    test_loader = DataLoader(dataset, batch_size=1)
    model.eval()
    with torch.no_grad():
        for x, y in test_loader:
            model(x)
