import torch
import torchvision


def train_one_epoch(model, loader, optimizer):
    model.train()
    for images, targets in loader:
        loss = torch.nn.functional.cross_entropy(model(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    return sum((model(x).argmax(1) == y).sum().item() for x, y in loader)


def main():
    model = torchvision.models.resnet50(num_classes=100)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for epoch in range(90):
        train_one_epoch(model, train_loader, optimizer)
        print(evaluate(model, val_loader))
