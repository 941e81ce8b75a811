import torch.nn as nn
import torchvision


class Finetune(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = torchvision.models.resnet50(weights="DEFAULT")
        self.encoder.requires_grad_(False)
        self.cls = nn.Linear(1000, 5)

    def train(self, mode=True):
        super().train(mode)
        self.encoder.eval()
        return self

    def forward(self, x):
        return self.cls(self.encoder(x))


net = Finetune()
net.train()
