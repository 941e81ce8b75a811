import torch
import torch.nn as nn

model = nn.Sequential(nn.Conv2d(3, 16, 3, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)

model.train()
for step, (x, y) in enumerate(train_loader):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 500 == 0:
        model.eval()  # expect: BN202
        with torch.no_grad():
            val = sum(nn.functional.cross_entropy(model(vx), vy).item() for vx, vy in val_loader)
        print(step, val)
