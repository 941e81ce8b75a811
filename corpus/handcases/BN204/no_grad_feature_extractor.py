import torch
import torch.nn as nn
import torchvision.models as models


class Captioner(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.resnet = models.resnet50(weights="DEFAULT")
        self.resnet.fc = nn.Identity()
        self.embed = nn.Linear(2048, 256)
        self.rnn = nn.LSTM(256, 256, batch_first=True)
        self.out = nn.Linear(256, vocab)

    def forward(self, images, captions):
        with torch.no_grad():
            features = self.resnet(images)  # expect: BN204
        h = self.embed(features).unsqueeze(1)
        y, _ = self.rnn(h)
        return self.out(y)
