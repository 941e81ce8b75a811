import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 64, bias=False)
        self.bn = nn.BatchNorm1d(64)
        self.out = nn.Linear(64, 2)

    def forward(self, x):
        return self.out(torch.relu(self.bn(self.fc(x))))


def validate(model, loader):
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            pred = model(x).argmax(1)  # expect: BN201
            correct += (pred == y).sum().item()
    return correct


model = Net()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(10):
    model.train()
    for x, y in train_loader:
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(validate(model, val_loader))
