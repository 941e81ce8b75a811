import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(32, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.2))
        self.head = nn.Linear(64, 4)

    def forward(self, x):
        return self.head(self.body(x))


class Trainer:
    def __init__(self, train_loader, val_loader):
        self.model = Classifier()
        self.opt = torch.optim.AdamW(self.model.parameters())
        self.train_loader = train_loader
        self.val_loader = val_loader

    def train_epoch(self):
        self.model.train()
        for x, y in self.train_loader:
            loss = nn.functional.cross_entropy(self.model(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def evaluate(self):
        losses = []
        for x, y in self.val_loader:
            losses.append(nn.functional.cross_entropy(self.model(x), y).item())  # expect: BN201
        return sum(losses) / len(losses)

    def fit(self, epochs):
        for _ in range(epochs):
            self.train_epoch()
            print(self.evaluate())
