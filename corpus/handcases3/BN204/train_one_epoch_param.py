import torch
import torch.nn as nn
from torchvision.models import resnet50


def train_one_epoch(model, loader, opt):
    model.train()  # expect: BN204
    for x, y in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()


def main(loader):
    model = resnet50(weights="IMAGENET1K_V2")
    for p in model.parameters():
        p.requires_grad = False
    model.fc = nn.Linear(2048, 5)
    opt = torch.optim.Adam(model.fc.parameters())
    for epoch in range(5):
        train_one_epoch(model, loader, opt)
