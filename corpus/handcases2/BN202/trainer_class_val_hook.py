import torch
import torch.nn as nn


class Trainer:
    def __init__(self, model, opt, train_loader, val_loader):
        self.model, self.opt = model, opt
        self.train_loader, self.val_loader = train_loader, val_loader

    def validate(self):
        self.model.eval()
        with torch.no_grad():
            return sum(nn.functional.mse_loss(self.model(x), y).item() for x, y in self.val_loader)

    def run(self, epochs):
        self.model.train()
        for epoch in range(epochs):
            for x, y in self.train_loader:
                self.opt.zero_grad()
                nn.functional.mse_loss(self.model(x), y).backward()
                self.opt.step()
            print(epoch, self.validate())  # expect: BN202


net = nn.Sequential(nn.Linear(8, 32, bias=False), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, 1))
Trainer(net, torch.optim.Adam(net.parameters()), tl, vl).run(10)
