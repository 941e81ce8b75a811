import torch
from torch.utils.data import DataLoader
from torchvision.models import resnet50


def train(dataset, epochs=10):
    model = resnet50(num_classes=2)
    loader = DataLoader(dataset, batch_size=2, shuffle=True)  # expect: BN403
    opt = torch.optim.SGD(model.parameters(), lr=0.001)
    model.train()
    for epoch in range(epochs):
        for x, y in loader:
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
