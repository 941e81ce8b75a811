import torch
import torch.nn.functional as F
import torchvision


class Trainer:
    def __init__(self, train_loader, val_loader, device="cuda"):
        self.model = torchvision.models.resnet18(num_classes=10).to(device)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1, momentum=0.9)
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.device = device

    def train_epoch(self):
        self.model.train()
        for x, y in self.train_loader:
            x, y = x.to(self.device), y.to(self.device)
            loss = F.cross_entropy(self.model(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    def evaluate(self):
        correct = total = 0
        with torch.no_grad():
            for x, y in self.val_loader:
                x, y = x.to(self.device), y.to(self.device)
                pred = self.model(x).argmax(1)  # expect: BN201
                correct += (pred == y).sum().item()
                total += y.numel()
        return correct / total

    def fit(self, epochs):
        for _ in range(epochs):
            self.train_epoch()
            print(self.evaluate())
