import copy

import torch
import torch.nn.functional as F
import torchvision


def train(loader, val_loader, epochs=10, decay=0.999):
    model = torchvision.models.resnet50(num_classes=10)
    ema = copy.deepcopy(model)
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    model.train()
    for epoch in range(epochs):
        for x, y in loader:
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
            with torch.no_grad():
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.mul_(decay).add_(pm, alpha=1 - decay)
        ema.eval()
        with torch.no_grad():
            acc = sum((ema(x).argmax(1) == y).float().mean().item() for x, y in val_loader)
        print(epoch, acc)
