import torch
import torch.nn as nn
import torchvision


class Finetuner(nn.Module):
    def __init__(self, n_cls):
        super().__init__()
        self.encoder = torchvision.models.resnet34(weights="DEFAULT")
        self.encoder.fc = nn.Identity()
        for p in self.encoder.parameters():
            p.requires_grad = False
        self.head = nn.Linear(512, n_cls)

    def train(self, mode=True):
        super().train(mode)
        self.encoder.eval()
        return self

    def forward(self, x):
        return self.head(self.encoder(x))


net = Finetuner(7)
opt = torch.optim.SGD(net.head.parameters(), lr=0.01)
net.train()
for x, y in loader:
    opt.zero_grad()
    nn.functional.cross_entropy(net(x), y).backward()
    opt.step()
