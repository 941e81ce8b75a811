import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(8, 8), nn.Dropout(0.5), nn.Linear(8, 1))

    def forward(self, x):
        return self.net(x)


def train(model, train_loader, val_loader, epochs):
    opt = torch.optim.Adam(model.parameters())
    model.train()
    for epoch in range(epochs):
        for x, y in train_loader:
            opt.zero_grad()
            nn.functional.mse_loss(model(x), y).backward()
            opt.step()
        model.eval()  # expect: BN202
        with torch.no_grad():
            val = sum(nn.functional.mse_loss(model(x), y).item() for x, y in val_loader)
        print(epoch, val)


train(Net(), tl, vl, 10)
