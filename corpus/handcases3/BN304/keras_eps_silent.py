from tensorflow.keras import layers

a = layers.BatchNormalization(epsilon=1.001e-5)
b = layers.BatchNormalization(epsilon=0.001)
c = layers.BatchNormalization(epsilon=0.01)
