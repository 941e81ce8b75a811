import torch.nn as nn
from tensorflow.keras import layers, Sequential


class Clf(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(32, 64, batch_first=True)
        self.bn = nn.BatchNorm1d(64)
        self.fc = nn.Linear(64, 2)

    def forward(self, x):
        out, (h, c) = self.lstm(x)
        return self.fc(self.bn(h[-1]))


keras_model = Sequential([layers.LSTM(64, input_shape=(20, 8)), layers.BatchNormalization(), layers.Dense(1)])
