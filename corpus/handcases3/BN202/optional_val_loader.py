import torch
import torch.nn.functional as F
from torchvision.models import resnet18


def validate(model, loader):
    model.eval()
    with torch.no_grad():
        return sum(F.cross_entropy(model(x), y).item() for x, y in loader) / len(loader)


def fit(train_loader, val_loader=None, epochs=10):
    model = resnet18(num_classes=10)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    model.train()
    for epoch in range(epochs):
        for x, y in train_loader:
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
        if val_loader is not None:
            print(epoch, validate(model, val_loader))  # expect: BN202
    return model
