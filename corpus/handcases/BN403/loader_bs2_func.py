import torch
import torchvision
from torch.utils.data import DataLoader


def train(dataset, epochs=5):
    model = torchvision.models.resnet18(num_classes=3)
    loader = DataLoader(dataset, batch_size=2, shuffle=True)  # expect: BN403
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    model.train()
    for _ in range(epochs):
        for images, labels in loader:
            loss = torch.nn.functional.cross_entropy(model(images), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
