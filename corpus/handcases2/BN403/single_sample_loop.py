import torch
import torch.nn as nn


class Reg(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 32, bias=False)
        self.bn = nn.BatchNorm1d(32)
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        return self.out(torch.relu(self.bn(self.fc(x))))


model = Reg()
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for epoch in range(100):
    for x, y in zip(X, Y):
        opt.zero_grad()
        loss = (model(x.unsqueeze(0)) - y) ** 2  # expect: BN403
        loss.backward()
        opt.step()
