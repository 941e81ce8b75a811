import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in [(torch.randn(8, 4), torch.randint(0, 3, (8,)))]:
    opt.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    opt.step()

with torch.no_grad():
    print(model(torch.randn(2, 4)).argmax(1))
