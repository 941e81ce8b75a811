import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, d=128):
        super().__init__()
        self.gru = nn.GRU(40, d, batch_first=True)
        self.bn = nn.BatchNorm1d(d)
        self.fc = nn.Linear(d, 10)

    def forward(self, x):
        out, h = self.gru(x)
        return self.fc(self.bn(out.mean(dim=1)))
