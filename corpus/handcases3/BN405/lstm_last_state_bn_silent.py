import torch.nn as nn


class SentimentLSTM(nn.Module):
    def __init__(self, vocab, dim=100, hidden=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.lstm = nn.LSTM(dim, hidden, batch_first=True)
        self.bn = nn.BatchNorm1d(hidden)
        self.fc = nn.Linear(hidden, 2)

    def forward(self, tokens):
        _, (h_n, _) = self.lstm(self.emb(tokens))
        return self.fc(self.bn(h_n[-1]))
