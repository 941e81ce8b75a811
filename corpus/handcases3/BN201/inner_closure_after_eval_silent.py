import torch
from torchvision.models import resnet18


def evaluate(model, loader):
    model.eval()

    def run(x):
        return model(x).argmax(1)

    with torch.no_grad():
        return [run(x) for x, _ in loader]


net = resnet18(num_classes=10)
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for x, y in train_loader:
    opt.zero_grad()
    torch.nn.functional.cross_entropy(net(x), y).backward()
    opt.step()
print(evaluate(net, val_loader))
