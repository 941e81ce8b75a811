import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(32, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 2))

    def forward(self, x):
        return self.body(x)


class Trainer:
    def __init__(self, train_loader, val_loader):
        self.model = Net()
        self.opt = torch.optim.Adam(self.model.parameters())
        self.train_loader = train_loader
        self.val_loader = val_loader

    def validate(self):
        self.model.eval()
        with torch.no_grad():
            return sum(nn.functional.cross_entropy(self.model(x), y).item() for x, y in self.val_loader)

    def fit(self, epochs):
        self.model.train()
        for epoch in range(epochs):
            for x, y in self.train_loader:
                self.opt.zero_grad()
                nn.functional.cross_entropy(self.model(x), y).backward()
                self.opt.step()
            print(epoch, self.validate())  # expect: BN202
