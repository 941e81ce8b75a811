"""A training script with the classic mode mistakes: validation without eval(), never back to train()."""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from resnet_block import BasicBlock


def evaluate(model, loader):
    correct = 0
    with torch.no_grad():  # no_grad does not switch BatchNorm/Dropout to inference behaviour
        for x, y in loader:
            correct += (model(x).argmax(1) == y).sum().item()
    return correct


def validate(model, loader):
    model.eval()
    return evaluate(model, loader)


def train(model, train_loader, val_loader, epochs=10, lr=0.1):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.train()
    for epoch in range(epochs):
        for x, y in train_loader:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        print(epoch, validate(model, val_loader))  # expect: BN202


def export(model, example):
    return torch.jit.trace(model, example)  # expect: BN201


if __name__ == "__main__":
    net = nn.Sequential(nn.Conv2d(3, 64, 3, bias=False), nn.BatchNorm2d(64), BasicBlock(64, 64))
    if sys.argv[1:] == ["export"]:
        net.load_state_dict(torch.load("checkpoint.pt"))  # loading weights does not switch to eval
        export(net, torch.randn(1, 3, 32, 32))
    else:
        train(net, [], [])
