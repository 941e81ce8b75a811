import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 8, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        return self.fc(self.body(x))


def evaluate(model, loader, quick=False):
    if quick:
        x, _ = next(iter(loader))
        with torch.no_grad():
            return model(x).argmax(1)  # expect: BN201
    model.eval()
    preds = []
    with torch.no_grad():
        for x, _ in loader:
            preds.append(model(x).argmax(1))
    return torch.cat(preds)


def main(train_loader, test_loader):
    model = Net()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for x, y in train_loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    print(evaluate(model, test_loader, quick=True))
