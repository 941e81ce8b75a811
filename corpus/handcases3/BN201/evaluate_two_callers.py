import torch
import torch.nn.functional as F
from torchvision.models import resnet18


def evaluate(model, loader):
    hits = 0
    with torch.no_grad():
        for x, y in loader:
            hits += (model(x).argmax(1) == y).sum().item()  # expect: BN201
    return hits / len(loader.dataset)


def train(model, train_loader, val_loader, epochs):
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
        print("val acc", evaluate(model, val_loader))


def final_test(model, test_loader):
    model.eval()
    print("test acc", evaluate(model, test_loader))


net = resnet18(num_classes=10)
train(net, None, None, 10)
final_test(net, None)
