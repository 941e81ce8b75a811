import torch
import torch.nn.functional as F
from torchvision.models import resnet18


class Trainer:
    def __init__(self, train_loader, val_loader, eval_interval=200):
        self.model = resnet18(num_classes=10)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.eval_interval = eval_interval

    def evaluate(self):
        was_training = self.model.training
        self.model.eval()
        with torch.no_grad():
            acc = sum((self.model(x).argmax(1) == y).float().mean().item() for x, y in self.val_loader)
        self.model.train(was_training)
        return acc

    def train(self, epochs):
        step = 0
        for epoch in range(epochs):
            self.model.train()
            for x, y in self.train_loader:
                self.opt.zero_grad()
                F.cross_entropy(self.model(x), y).backward()
                self.opt.step()
                step += 1
                if step % self.eval_interval == 0:
                    print(step, self.evaluate())
