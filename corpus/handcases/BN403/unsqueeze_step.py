import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        return self.fc(torch.relu(self.bn(self.conv(x))).mean((2, 3)))


model = Net()
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for img, label in dataset:
    out = model(img.unsqueeze(0))  # expect: BN403
    loss = nn.functional.cross_entropy(out, torch.tensor([label]))
    opt.zero_grad()
    loss.backward()
    opt.step()
