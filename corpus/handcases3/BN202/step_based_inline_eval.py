import torch
import torch.nn.functional as F
from torchvision.models import resnet18


def train(train_loader, val_loader, max_steps=10000, eval_every=500):
    model = resnet18(num_classes=10)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    model.train()
    step = 0
    while step < max_steps:
        for x, y in train_loader:
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if step % eval_every == 0:
                model.eval()  # expect: BN202
                with torch.no_grad():
                    acc = sum((model(vx).argmax(1) == vy).float().mean().item() for vx, vy in val_loader)
                print(step, acc / len(val_loader))
