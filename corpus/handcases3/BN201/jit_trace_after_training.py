import torch
import torch.nn as nn


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
            nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.3), nn.Linear(16 * 16 * 16, 10),
        )

    def forward(self, x):
        return self.features(x)


def train_and_export(loader, out_path="model.pt"):
    model = SmallCNN()
    opt = torch.optim.Adam(model.parameters())
    model.train()
    for x, y in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    example = torch.rand(1, 3, 32, 32)
    traced = torch.jit.trace(model, example)  # expect: BN201
    traced.save(out_path)
