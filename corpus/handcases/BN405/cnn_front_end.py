import torch.nn as nn


class CRNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(40, 128, 5, bias=False)
        self.bn = nn.BatchNorm1d(128)
        self.gru = nn.GRU(128, 128, batch_first=True)
        self.fc = nn.Linear(128, 30, bias=False)
        self.bn_out = nn.BatchNorm1d(30)

    def forward(self, x):
        x = self.bn(self.conv(x)).relu()
        out, h = self.gru(x.transpose(1, 2))
        return self.bn_out(self.fc(out[:, -1]))
