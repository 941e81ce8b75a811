import torch.nn as nn


class SpeechEncoder(nn.Module):
    def __init__(self, n_mels=80, hidden=256):
        super().__init__()
        self.gru = nn.GRU(n_mels, hidden, batch_first=True, bidirectional=True)
        self.bn = nn.BatchNorm1d(2 * hidden)  # expect: BN405
        self.out = nn.Linear(2 * hidden, 29)

    def forward(self, x):
        h, _ = self.gru(x)
        h = self.bn(h.transpose(1, 2)).transpose(1, 2)
        return self.out(h)
