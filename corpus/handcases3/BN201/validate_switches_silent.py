import torch
import torch.nn.functional as F
from torchvision.models import resnet34


def validate(model, loader):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for x, y in loader:
            total += F.cross_entropy(model(x), y, reduction="sum").item()
    model.train()
    return total / len(loader.dataset)


def main(train_loader, val_loader):
    model = resnet34(num_classes=100)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(90):
        for x, y in train_loader:
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
        print(epoch, validate(model, val_loader))
