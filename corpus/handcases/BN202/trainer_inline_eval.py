import torch
import torchvision


class Trainer:
    def __init__(self):
        self.model = torchvision.models.resnet34(num_classes=10)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def fit(self, train_loader, val_loader, epochs):
        self.model.train()
        for epoch in range(epochs):
            for x, y in train_loader:
                loss = torch.nn.functional.cross_entropy(self.model(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.model.eval()  # expect: BN202
            with torch.no_grad():
                acc = sum((self.model(x).argmax(1) == y).sum().item() for x, y in val_loader)
            print(epoch, acc)
