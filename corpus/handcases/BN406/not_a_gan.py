import torch.nn as nn


class DataGenerator:
    def __init__(self, files):
        self.files = files


class Autoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.decoder = nn.Sequential(nn.ConvTranspose2d(64, 3, 4, 2, 1, bias=False), nn.BatchNorm2d(3), nn.Tanh())

    def forward(self, z):
        return self.decoder(z)
